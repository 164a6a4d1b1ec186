# One image for every Node service of the platform; the service is chosen by the container command.
# BASE_IMAGE defaults to the public Node 24 image; offline machines pass a locally produced base image
# (e.g. one imported from the machine's own Node runtime with `docker import`).
ARG BASE_IMAGE=node:24-bookworm-slim
FROM ${BASE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY . /app
RUN corepack enable 2>/dev/null || npm install -g pnpm@10.34.8; pnpm install --frozen-lockfile --prod=false
EXPOSE 4000
CMD ["node", "gateway/src/server.ts"]
