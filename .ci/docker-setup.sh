#!/usr/bin/env bash
# Make a Docker engine and a local busybox:1.37 image available for Testcontainers.
#
# Usage (as root, Debian 12; idempotent, needs no stdin):
#   bash .ci/docker-setup.sh                 # set up; prints the env lines tests need on stdout
#   eval "$(bash .ci/docker-setup.sh)"       # set up and export them into the calling shell
#   source .ci/docker-setup.sh               # same, exported directly
# Progress messages go to stderr; stdout carries only the `export ...` lines.
#
# Why: no image registry is reachable here, so nothing can be pulled. The image is
# built from Debian's busybox-static and tagged with the public name busybox:1.37,
# so the same test code pulls the real image on a normal machine.
#
# Serving newline-delimited lines over TCP on container port 7000 (busybox nc):
# -ll = persistent listener, one PROG per connection; -e must come last and
# everything after it is PROG's argv. Debian's busybox-static has the small nc
# (no -k, no -v/-z); the public image has the nc-1.10 one (-lk too). -ll works in both.
#   nc -ll -p 7000 -e sh -c 'echo hello; echo world'
# e.g. in Testcontainers:
#   new GenericContainer<>(DockerImageName.parse("busybox:1.37"))
#       .withExposedPorts(7000)
#       .withCommand("nc", "-ll", "-p", "7000", "-e", "sh", "-c", "echo hello; echo world");
# Keep -ll: Testcontainers' default port wait strategy opens a TCP connection to the
# mapped port, which would use up a one-shot (-l only) listener.

_docker_setup_main() {
  set -euo pipefail

  local IMAGE=busybox:1.37
  local LABEL=dev.runstop.busybox-content
  local DOCKERD_LOG=/tmp/dockerd.log
  local APPLETS="sh nc httpd sleep echo cat printf seq yes head tail kill true false ls env"
  local apt_updated=no

  log() { echo "docker-setup: $*" >&2; }
  engine_up() { timeout 10 docker info >/dev/null 2>&1; }
  die() { echo "docker-setup: ERROR: $*" >&2; exit 1; }

  apt_install() {
    export DEBIAN_FRONTEND=noninteractive
    if [ "$apt_updated" = no ]; then
      log "apt-get update"
      apt-get update -q >&2 || die "apt-get update failed"
      apt_updated=yes
    fi
    log "apt-get install $*"
    apt-get install -y -q --no-install-recommends "$@" </dev/null >&2 || die "apt-get install $* failed"
  }

  # --- 1. a Docker engine that answers `docker info` ------------------------
  if engine_up; then
    log "Docker engine already answers"
  else
    command -v dockerd >/dev/null 2>&1 || apt_install docker.io
    command -v docker >/dev/null 2>&1 || die "no docker client on PATH"
    if pgrep -x dockerd >/dev/null 2>&1; then
      log "dockerd is running but not answering yet; waiting"
    else
      log "starting dockerd (log: $DOCKERD_LOG)"
      # Detached, all fds away from ours, so a caller reading our output never waits on it.
      setsid nohup dockerd >"$DOCKERD_LOG" 2>&1 </dev/null &
    fi
    local i
    for i in $(seq 1 60); do
      engine_up && break
      sleep 1
    done
    if ! engine_up; then
      tail -n 30 "$DOCKERD_LOG" >&2 2>/dev/null || true
      die "Docker engine did not answer within 60 s (see $DOCKERD_LOG)"
    fi
    log "Docker engine answers after about ${i} s"
  fi

  # --- 2. busybox:1.37 from Debian's busybox-static --------------------------
  # busybox-static provides a static /bin/busybox (it replaces the dynamic `busybox` package).
  # (no `grep -q` in pipes: it exits early, and pipefail then sees SIGPIPE)
  case "$(dpkg-query -W -f='${Status}' busybox-static 2>/dev/null || true)" in
    *"ok installed"*) ;;
    *) apt_install busybox-static ;;
  esac
  /bin/busybox --list | grep -x nc >/dev/null || die "/bin/busybox has no nc applet"

  # (not local: the EXIT trap runs after this function has returned)
  cid=""
  root=$(mktemp -d)
  tarball=$(mktemp)
  # Clean up temp files and the check container however we leave.
  trap 'rm -rf "$root" "$tarball"; [ -z "$cid" ] || docker rm -f "$cid" >/dev/null 2>&1 || true' EXIT
  mkdir -p "$root/bin" "$root/etc" "$root/root" "$root/tmp"
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/busybox"
  # Link every applet, as the public image does (Testcontainers' port check uses cat/awk/grep).
  local a
  for a in $(/bin/busybox --list) $APPLETS; do
    [ "$a" = busybox ] || ln -sf busybox "$root/bin/$a"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  # Reproducible tar, so its hash identifies the content.
  tar -C "$root" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$tarball" .
  local want have
  want=$(sha256sum "$tarball" | cut -c1-64)
  have=$(docker image inspect -f "{{ index .Config.Labels \"$LABEL\" }}" "$IMAGE" 2>/dev/null || true)
  if [ "$have" = "$want" ]; then
    log "$IMAGE already imported with the expected content"
  else
    log "importing $IMAGE ($(busybox_version) from busybox-static)"
    docker import \
      --change 'ENV PATH=/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["sh"]' \
      --change "LABEL $LABEL=$want" \
      "$tarball" "$IMAGE" >&2 || die "docker import failed"
  fi

  # --- 3. check the image runs and can serve lines over TCP ------------------
  local out
  out=$(docker run --rm "$IMAGE" sh -c 'echo ok') || die "docker run $IMAGE failed"
  [ "$out" = ok ] || die "docker run $IMAGE printed '$out', not 'ok'"

  local port line1 line2
  cid=$(docker run -d --rm -p 127.0.0.1::7000 "$IMAGE" \
        nc -ll -p 7000 -e sh -c 'echo hello; echo world') || die "could not start the nc container"
  port=$(docker port "$cid" 7000/tcp | sed -n '1s/.*://p')
  # Read the first line of one connection (bash /dev/tcp; no client tool needed).
  read_line() {
    local l=""
    { exec 3<>"/dev/tcp/127.0.0.1/$port" && IFS= read -r -t 3 l <&3; } 2>/dev/null || true
    exec 3<&- 2>/dev/null || true
    echo "$l"
  }
  line1="" line2=""
  for i in $(seq 1 20); do   # docker-proxy accepts before nc listens; retry briefly
    line1=$(read_line)
    [ "$line1" = hello ] && break
    sleep 0.25
  done
  line2=$(read_line)         # a second connection proves -ll keeps listening
  docker rm -f "$cid" >/dev/null 2>&1 || true
  cid=""
  [ "$line1" = hello ] && [ "$line2" = hello ] \
    || die "nc line server check failed (got '$line1' / '$line2')"
  log "OK: $IMAGE runs, and 'nc -ll -p 7000 -e ...' serves lines over TCP"
}

busybox_version() { /bin/busybox 2>/dev/null | sed -n '1s/ (.*//p'; }

_docker_setup_env() {
  echo "export TESTCONTAINERS_RYUK_DISABLED=true"     # the ryuk image cannot be pulled
  echo "export TESTCONTAINERS_HOST_OVERRIDE=localhost" # /.dockerenv exists; avoid the alpine gateway probe
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: run in a subshell so set -e / exit don't hit the caller's shell.
  if ( _docker_setup_main ); then
    eval "$(_docker_setup_env)"
    _docker_setup_env >&2
    unset -f _docker_setup_main _docker_setup_env busybox_version
  else
    unset -f _docker_setup_main _docker_setup_env busybox_version
    return 1
  fi
else
  _docker_setup_main
  _docker_setup_env
fi
