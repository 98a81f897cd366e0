# Process helpers shared by the scripts that start the app (e2e.sh,
# dist-test.sh). Source it; it defines functions only.

# alive PID: the process runs.
alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

# stop PID: TERM, then KILL after two seconds.
stop() {
	local pid="$1" _
	alive "$pid" || return 0
	kill "$pid" 2>/dev/null || true
	for _ in 1 2 3 4 5 6 7 8; do
		alive "$pid" || break
		sleep 0.25
	done
	alive "$pid" && kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null || true
}
