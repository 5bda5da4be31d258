# Redis from this machine's redis-server binary with the libraries ldd reports and its own loader,
# on the oasis base image (whose java runs the health probe). Rendered by the docker target.
FROM {{baseImage}}
COPY redis/ /opt/redis/
# The target sets OASIS_PROBE to the port it runs Redis on; 6379 when run by hand.
ENV OASIS_PROBE=redis:6379
USER 65532:65532
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx16m", "-XX:-UsePerfData", "-cp", "/opt/oasis/probe", "oasis.artifact.image.HealthProbe"]
COPY probe/ /opt/oasis/probe/
ENTRYPOINT ["/opt/redis/lib/{{loader}}", "--library-path", "/opt/redis/lib", "/opt/redis/bin/redis-server"]
