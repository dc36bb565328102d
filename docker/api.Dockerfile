# syntax=docker/dockerfile:1
# The Marquee API. Built with the workspace's dev tools; the runtime image holds only production
# dependencies, runs as the non-root `node` user and reports readiness through HEALTHCHECK.
# .ci/run performs the same npm ci / build / production-install steps and starts the result.

FROM node:24-slim AS base
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY libs/contracts/package.json libs/contracts/
COPY libs/sdk/package.json libs/sdk/

FROM base AS build
RUN npm ci --workspace apps/api --workspace libs/contracts --include-workspace-root
COPY tsconfig.base.json nest-cli.json ./
COPY libs/contracts libs/contracts
COPY apps/api apps/api
RUN npm run build -w libs/contracts && npm run build -w apps/api

FROM base AS production-deps
RUN npm ci --omit=dev --workspace apps/api --workspace libs/contracts

FROM node:24-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
COPY --from=production-deps --chown=node:node /app/package.json ./
COPY --from=production-deps --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/libs/contracts/package.json libs/contracts/package.json
COPY --from=build --chown=node:node /app/libs/contracts/dist libs/contracts/dist
COPY --from=build --chown=node:node /app/apps/api/package.json apps/api/package.json
COPY --from=build --chown=node:node /app/apps/api/dist apps/api/dist
# MEDIA_DIR's default; a volume mounted there (docker-compose.yml) takes the folder's owner.
RUN mkdir -p data/media && chown -R node:node data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "apps/api/dist/main.js"]
