import { render } from 'preact';
import { App } from './components/app';

/** Boots the console into #app. */
function boot(): void {
  const root = document.getElementById('app');
  if (root) render(<App />, root);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot, { once: true });
else boot();
