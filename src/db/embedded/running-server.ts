/** What a supervised embedded server reports for /healthz. */
export interface ServerHealth {
  /** up: answering; restarting: it died and is being started again; down: it could not be brought back. */
  state: 'up' | 'restarting' | 'down';
  restarts: number;
  lastExit?: { code: number | null; signal: string | null; at: string };
}

/** An embedded database server this process started (and must stop). */
export interface RunningServer {
  uri: string;
  stop(): Promise<void>;
  /** Only for servers the service supervises. */
  health?(): ServerHealth;
  /** The server process's id now (it changes when a supervised server is restarted). */
  pid?(): number | undefined;
}
