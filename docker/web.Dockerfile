# syntax=docker/dockerfile:1
# The Marquee web app: built with the Angular CLI, served by unprivileged nginx on :8080, which
# proxies /api and /docs to the `api` service and falls back to index.html for client routes.

FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/contracts/package.json libs/contracts/
COPY libs/sdk/package.json libs/sdk/
# The web workspace and the root's dev tools (the Angular compiler uses the root TypeScript).
RUN npm ci --workspace apps/web --include-workspace-root
COPY tsconfig.base.json ./
COPY libs/contracts/src libs/contracts/src
COPY libs/contracts/openapi.json libs/contracts/
COPY apps/web/angular.json apps/web/tsconfig.json apps/web/tsconfig.app.json apps/web/tsconfig.spec.json apps/web/ng-openapi-gen.json apps/web/
COPY apps/web/scripts apps/web/scripts
COPY apps/web/public apps/web/public
COPY apps/web/src apps/web/src
RUN npm run build -w apps/web && npm run check:bundle -w apps/web

FROM nginxinc/nginx-unprivileged:1.27-alpine AS runtime
COPY docker/nginx/web.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/apps/web/dist/browser /usr/share/nginx/html
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=5s --retries=3 CMD wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1
