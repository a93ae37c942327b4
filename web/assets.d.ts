/** esbuild's `text` loader: a stylesheet imported as its source text (see scripts/build-web.ts). */
declare module '*.css' {
  const css: string;
  export default css;
}
