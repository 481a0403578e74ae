#!/usr/bin/env bash
# Checks deploy/nginx/agendawerk.conf with `nginx -t`, as nginx would load it from the http block
# of its nginx.conf: in a throwaway directory, with a self-signed certificate in place of the
# placeholder paths. Needs no root and touches nothing outside that directory.
#
# Exit status: 0 valid, 1 invalid (nginx says why), 3 nginx or openssl is not installed (a test
# may skip then). Usage: deploy/nginx/check.sh [path/to/agendawerk.conf]
set -euo pipefail

conf="${1:-$(dirname "$0")/agendawerk.conf}"
for tool in nginx openssl; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "check.sh: $tool fehlt (Debian: apt-get install -y nginx-light openssl)" >&2
		exit 3
	fi
done
if [ ! -f "$conf" ]; then
	echo "check.sh: $conf nicht gefunden" >&2
	exit 1
fi

dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=agenda.example.de" \
	-keyout "$dir/privkey.pem" -out "$dir/fullchain.pem" >/dev/null 2>&1

# The configuration as written, with the certificate placeholders pointing at the throwaway pair.
sed -e "s#/etc/ssl/agendawerk/fullchain.pem#$dir/fullchain.pem#" \
	-e "s#/etc/ssl/agendawerk/privkey.pem#$dir/privkey.pem#" \
	"$conf" >"$dir/agendawerk.conf"

cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $dir/body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    include $dir/agendawerk.conf;
}
CONF

# -e: nginx opens its default error log before it reads the configuration.
nginx -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" 2>&1 |
	sed "s#$dir#<tmp>#g"
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
	echo "check.sh: $(basename "$conf") ist gültig ($(nginx -v 2>&1))"
fi
exit "$status"
