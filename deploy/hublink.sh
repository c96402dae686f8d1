#!/bin/sh
# The image's `hublink` command: the jar, with the JVM as PID 1's child that receives SIGTERM directly.
exec java ${HUBLINK_JAVA_OPTS:-} -jar /opt/hublink/hublink.jar "$@"
