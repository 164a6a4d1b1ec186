# One image for every Node service of the platform (gateway, subgraphs, region-manager, web, and the region-server
# via orchestrator/src/drivers/docker/region-entry.ts); the service is chosen by the container command.
#
# BASE_IMAGE defaults to the public Node 24 image. Machines without a registry pass the locally imported one
# (packages/launcher/docker/build-base-images.sh → sw-local/node:24) and build from a checkout whose node_modules
# is already installed: pnpm's links are relative inside the workspace, so the context's node_modules works as is
# and nothing is downloaded. With a registry (CI images, production) the install runs here.
#   docker build -f packages/launcher/docker/service.Dockerfile --build-arg BASE_IMAGE=sw-local/node:24 -t sectorwars/platform:dev .
ARG BASE_IMAGE=node:24-bookworm-slim
FROM ${BASE_IMAGE}
ARG PNPM_VERSION=10.34.8
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY . /app
RUN set -e; \
    if [ -d node_modules/.pnpm ]; then \
      echo "service image: using the context's installed node_modules (offline build)"; \
    else \
      (corepack enable && corepack prepare "pnpm@${PNPM_VERSION}" --activate) || npm install -g "pnpm@${PNPM_VERSION}"; \
      pnpm install --frozen-lockfile; \
      if [ -f web/package.json ] && [ ! -d web/.next ]; then pnpm --filter ./web run build; fi; \
    fi; \
    rm -rf var .git; mkdir -p var && chown -R 1000:1000 var
USER 1000
EXPOSE 4000
CMD ["node", "gateway/src/server.ts"]
