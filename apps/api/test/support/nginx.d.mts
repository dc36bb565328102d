/** The nginx binary, or undefined when nginx is not installed. */
export function findNginx(): string | undefined;
/** A whole nginx configuration for a throw-away instance in the folder `dir`, with `http` inside the http block. */
export function nginxConfig(dir: string, http: string, options?: { workerConnections?: number }): string;
