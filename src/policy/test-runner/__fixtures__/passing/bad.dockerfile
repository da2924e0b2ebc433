FROM quay.io/org/app:1
USER root
