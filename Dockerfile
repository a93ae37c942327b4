# kefu service image: one instance; docker-compose.yml runs two behind a proxy with MongoDB and Redis.
# Production needs MONGODB_URI (a replica set): the image carries no Java, so the embedded database
# of `npm start` is not available in it.
FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Development packages included: the service runs TypeScript through tsx, and esbuild bundles the web assets.
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web

FROM node:20.20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
# Graceful stop on SIGTERM: in-flight requests finish, then the process exits (20 s at most).
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts"]
