# The offline base image oasis/jre:17-<digest>: a JRE made from this machine's JDK with jlink, the
# shared libraries ldd reports for it and the loader, on scratch. For hosts with no registry.
FROM scratch
COPY rootfs/ /
ENV JAVA_HOME=/opt/java PATH=/opt/java/bin
