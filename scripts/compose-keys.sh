#!/usr/bin/env bash
# Prepares this checkout for `docker compose up` (docker-compose.yml): host keys for the two SFTP servers, the
# known_hosts the services check them against, and a .env with random secrets when there is none. Generated
# locally and git-ignored: no private key and no secret is ever committed. Run it again with --force for new keys
# (the services then need a restart to read the new known_hosts). docs/operations.md, "Running with Docker Compose".
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
keys="$root/deploy/sftp/keys"
force=false
case "${1:-}" in
  --force) force=true ;;
  "") ;;
  *) echo "usage: $(basename "$0") [--force]" >&2; exit 2 ;;
esac
command -v ssh-keygen >/dev/null || { echo "$(basename "$0"): ssh-keygen is missing (Debian: apt-get install openssh-client)" >&2; exit 1; }

umask 077
mkdir -p "$keys"
known="$keys/known_hosts.new"
: > "$known"
for server in source sink; do
  dir="$keys/$server"
  if $force; then rm -rf "$dir"; fi
  mkdir -p "$dir"
  for type in ed25519 rsa; do
    key="$dir/ssh_host_${type}_key"
    if [ ! -f "$key" ]; then
      if [ "$type" = rsa ]; then bits=(-b 3072); else bits=(); fi
      ssh-keygen -q -t "$type" "${bits[@]}" -N '' -C "sftp-$server" -f "$key"
    fi
    chmod 600 "$key"
    # The services reach the servers by their compose names on port 22.
    printf 'sftp-%s %s\n' "$server" "$(cut -d' ' -f1,2 "$key.pub")" >> "$known"
  done
done
# Read by the services' non-root user; public keys only.
chmod 644 "$known"
mv "$known" "$keys/known_hosts"
echo "host keys and known_hosts in $keys"

env="$root/.env"
if [ ! -f "$env" ]; then
  secret() { head -c 24 /dev/urandom | base64 | tr -d '/+=\n'; }
  # atmoz/sftp's user lines are colon-separated: the passwords have no colon. The HTTP users' are {noop}: set
  # {bcrypt} hashes instead where the file is shared (docs/configuration.md, HTTP security).
  sed -e "s|^POSTGRES_PASSWORD=.*|POSTGRES_PASSWORD=$(secret)|" \
      -e "s|^SFTP_SOURCE_PASSWORD=.*|SFTP_SOURCE_PASSWORD=$(secret)|" \
      -e "s|^SFTP_SINK_PASSWORD=.*|SFTP_SINK_PASSWORD=$(secret)|" \
      -e "s|^SYNC_PROOF_KEY=.*|SYNC_PROOF_KEY=$(secret)$(secret)|" \
      -e "s|^SYNC_OPERATOR_PASSWORD=.*|SYNC_OPERATOR_PASSWORD='{noop}$(secret)'|" \
      -e "s|^SYNC_VIEWER_PASSWORD=.*|SYNC_VIEWER_PASSWORD='{noop}$(secret)'|" \
      -e "s|^GRAFANA_ADMIN_PASSWORD=.*|GRAFANA_ADMIN_PASSWORD=$(secret)|" \
      "$root/.env.example" > "$env"
  echo "wrote $env (mode 0600) with random secrets: read the HTTP users' passwords there"
fi
