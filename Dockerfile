# syntax=docker/dockerfile:1
# The endpoint as a container: built in one stage (with the development dependencies), run in
# another from dist/ and the production dependencies only, as an unprivileged user.
#   docker build -t mira-donate .
#   docker run -d -p 127.0.0.1:8787:8787 -v mira-data:/data --env-file /etc/mira-donate/env --stop-timeout 20 mira-donate
# Every stage is on the same image, so better-sqlite3's compiled driver built or fetched in one
# runs in the other (same OS, CPU architecture and Node major).
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS toolchain
# Only used when better-sqlite3 has no prebuilt driver for this platform and compiles its own.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

FROM toolchain AS build
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# releases/ (earlier widget releases kept for pinned sites) may not exist in every checkout.
RUN npm run build && mkdir -p releases

FROM toolchain AS runtime-packages
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8787 \
    DATABASE_URL=sqlite:/data/mira-donate.db
WORKDIR /app
COPY --from=runtime-packages /app/node_modules ./node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/dist ./dist
COPY --from=build /app/releases ./releases
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 8787
# The process is up; a load balancer asks /readyz (the ledger answers, migrations are current) as well.
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM finishes requests under way within SHUTDOWN_SECONDS (10): stop with a longer timeout (-t 20).
STOPSIGNAL SIGTERM
# The same start command the tests and the systemd unit run.
CMD ["node", "dist/server/cli.js", "serve"]
