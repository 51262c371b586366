#!/usr/bin/env bash
# Runs tsforecast-beam with its workers in separate processes, as Flink,
# Spark and Dataflow run Go code: a Prism job server in its own process
# (the portable runner every cluster runner speaks to), the pipeline
# submitted to it with --runner universal, and Beam's PROCESS environment,
# in which the job server starts Beam's Go boot program, which fetches the
# staged tsforecast-beam binary and runs it as a worker (--worker). The
# shards are then compared, sorted by id, with tsforecast forecast on the
# same file. Opt-in (not part of go test): bash scripts/process-worker.sh
# Needs: Go and the module proxy (to build prism and the boot program).
set -euo pipefail
cd "$(dirname "$0")/.."
input=${INPUT:-testdata/small-wide.csv}
model=${MODEL:-hw}
horizon=${HORIZON:-48}
port=${PORT:-18073}
tmp=$(mktemp -d)
prism_pid=
cleanup() {
	if [ -n "$prism_pid" ]; then kill "$prism_pid" 2>/dev/null || true; wait "$prism_pid" 2>/dev/null || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

echo "building tsforecast-beam, Beam's boot program and prism in $tmp"
go build -o "$tmp/tsforecast-beam" ./cmd/tsforecast-beam
go build -o "$tmp/boot" github.com/apache/beam/sdks/v2/go/container
go build -o "$tmp/prism" github.com/apache/beam/sdks/v2/go/cmd/prism
(cd .. && go build -o "$tmp/tsforecast" ./cmd/tsforecast)

# Prism (v2.77.0) passes the worker id to a PROCESS command as
# --id='ID', quotes included, with no shell to remove them; the boot
# program then asks for a worker "'ID'" that does not exist. This wrapper
# strips the quotes. (Flink's and Spark's job servers pass it plainly.)
cat >"$tmp/boot.sh" <<WRAP
#!/usr/bin/env bash
echo "\$\$ \$*" >>"$tmp/boot.calls"
args=()
for a in "\$@"; do
	case "\$a" in --id=*) a=\${a//\'/} ;; esac
	args+=("\$a")
done
exec "$tmp/boot" "\${args[@]}"
WRAP
chmod +x "$tmp/boot.sh"

"$tmp/prism" --job_port "$port" --serve_http=false --log_level warn >"$tmp/prism.log" 2>&1 &
prism_pid=$!
for _ in $(seq 100); do
	if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
	sleep 0.1
done

mkdir -p "$tmp/out"
echo "submitting to the job server on localhost:$port, workers in PROCESS environments"
"$tmp/tsforecast-beam" --runner universal --endpoint "localhost:$port" \
	--environment_type PROCESS --environment_config "{\"command\": \"$tmp/boot.sh\"}" \
	--worker_binary "$tmp/tsforecast-beam" \
	--input "$input" --output "$tmp/out/forecast" --horizon "$horizon" --model "$model" --shards 3 \
	>"$tmp/submit.log" 2>&1 || { cat "$tmp/submit.log" "$tmp/prism.log"; exit 1; }
if [ ! -s "$tmp/boot.calls" ]; then echo "FAIL: no worker process was started"; exit 1; fi
echo "worker processes started by the job server: $(wc -l <"$tmp/boot.calls") (pid and arguments: $(head -1 "$tmp/boot.calls"))"

"$tmp/tsforecast" forecast --quiet --input "$input" --horizon "$horizon" --model "$model" --output "$tmp/ref.csv"
ls "$tmp"/out/
for f in "$tmp"/out/forecast-*.csv; do tail -n +2 "$f"; done | sort >"$tmp/got"
tail -n +2 "$tmp/ref.csv" | sort >"$tmp/want"
if ! cmp -s "$tmp/got" "$tmp/want"; then
	echo "FAIL: the shards differ from tsforecast forecast"
	diff "$tmp/got" "$tmp/want" | head
	exit 1
fi
echo "ok: $(wc -l <"$tmp/want") forecast rows from workers in separate processes, identical to tsforecast forecast"
