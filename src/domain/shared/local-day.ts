/**
 * Reports group by the local calendar day, which FerretDB cannot compute ($dateToString), so every
 * record stores it at write time. The zone is the company's (TIME_ZONE), set once at start.
 */
let zone = 'Asia/Shanghai';
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(tz, f);
  }
  return f;
}

/** Sets the company time zone used for `day` fields. */
export function setReportTimeZone(tz: string): void {
  formatter(tz);
  zone = tz;
}

export function reportTimeZone(): string {
  return zone;
}

/** The local date YYYY-MM-DD of `date` in the company zone (or `tz`). */
export function localDay(date: Date = new Date(), tz: string = zone): string {
  return formatter(tz).format(date);
}
