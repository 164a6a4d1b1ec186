# Region template image: one region-server (orchestrator/src/region-server) per player region, started by the docker
# runtime driver with the region's limits, labels, network and health check.
# Build context: a directory staged by packages/launcher/docker/stage-app.sh (production deps only, copied from the
# installed node_modules: offline).
# BASE_IMAGE defaults to the public Node 24 image; machines without a registry pass the locally imported one
# (build-base-images.sh → sw-local/node:24-<hash>).
ARG BASE_IMAGE=node:24-bookworm-slim
FROM ${BASE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production REGION_SERVER_PORT=4002
COPY . /app
USER 1000
EXPOSE 4002
CMD ["node", "src/drivers/docker/region-entry.ts"]
