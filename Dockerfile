# esd-bot as a container image: build with the dev dependencies, run with the production ones only.
#   docker build -t esd-bot .
#   docker run -p 3978:3978 -v esd-data:/data -e MicrosoftAppId=… -e MicrosoftAppPassword=… -e API_KEYS=… esd-bot
# The build stage runs the README's production install (npm ci, npm run build, npm prune --omit=dev; a test holds
# the two to each other) and the run stage copies what it left: node_modules, dist, the tab's static files.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 compiles its native module here (no prebuilt binary is downloaded).
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential python3 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --include=dev
COPY . .
RUN npm run build && npm prune --omit=dev

FROM ${NODE_IMAGE} AS run
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3978 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/tab/public ./tab/public
# The embedded SQLite store's directory, owned by the unprivileged user the image runs as (node, uid 1000).
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3978
# No curl in slim images: Node 20's fetch asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node, not npm start: SIGTERM reaches the process, which stops cleanly (SHUTDOWN_TIMEOUT_MS).
CMD ["node", "dist/index.js"]
