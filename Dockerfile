# syntax=docker/dockerfile:1
# Palisade as a container image: the package built from this repository (npm pack), on a slim
# Node.js 24 base, running as an unprivileged user with a read-only-friendly layout.
# Build: npm pack && docker build --build-arg VERSION=$(node -p "require('./package.json').version") -t palisade .
FROM node:24-bookworm-slim AS build
WORKDIR /build
ARG VERSION=0.1.0
COPY palisade-${VERSION}.tgz ./
RUN npm install --global --omit=dev --no-audit --no-fund ./palisade-${VERSION}.tgz \
 && npm cache clean --force

FROM node:24-bookworm-slim
LABEL org.opencontainers.image.title="palisade" \
      org.opencontainers.image.description="Secure a container delivery pipeline end to end" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://github.com/palisade-dev/palisade"
COPY --from=build /usr/local/lib/node_modules/palisade /usr/local/lib/node_modules/palisade
RUN ln -s /usr/local/lib/node_modules/palisade/bin/palisade.js /usr/local/bin/palisade
USER node
WORKDIR /work
ENV PALISADE_CACHE_DIR=/tmp/palisade-cache
# palisade-ignore: require-healthcheck a one-shot CLI; the admission Deployment has its own probes
HEALTHCHECK NONE
ENTRYPOINT ["palisade"]
CMD ["--help"]
