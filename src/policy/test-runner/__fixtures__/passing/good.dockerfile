FROM ghcr.io/org/base:2
USER app
