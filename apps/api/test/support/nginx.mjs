// nginx run by the tests as a child process: shared by the e2e suites (TypeScript) and the scale
// scripts (plain Node ESM). Plain Node ESM, no build step.
import { existsSync } from 'node:fs';

const BINARIES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'];

/** The nginx binary, or undefined when nginx is not installed. */
export function findNginx() {
  return BINARIES.find((path) => existsSync(path));
}

/**
 * A whole nginx configuration for a throw-away instance in the folder `dir`: in the foreground
 * (daemon off), every file it writes inside `dir`, no access log, and `http` (the server blocks,
 * upstreams and maps) inside the http block.
 */
export function nginxConfig(dir, http, { workerConnections = 256 } = {}) {
  return `
worker_processes 1;
daemon off;
master_process on;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections ${workerConnections}; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${http}
}
`;
}
