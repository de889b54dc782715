#!/bin/sh
# Stand-in for nvidia-smi / lspci / rocm-smi / amd-smi / system_profiler / sysctl in integration tests. Copied under the real tool's
# name into a temporary directory put first on PATH. The variable FAKE_<NAME> (e.g. FAKE_NVIDIA_SMI)
# chooses the behaviour:
#   unset               behave as "not installed" (exit 127)
#   file:PATH           print PATH, exit 0
#   fail:CODE:PATH      print PATH, exit CODE
#   legacy:PATH         reject a compute_cap query like an old driver, else print PATH
#   garbage             print nonsense, exit 0
#   hang                never answer (sleep 60)
#   sleep:SECS          answer nothing for SECS seconds, then exit 0
#   fork:PATH           leave a helper (sleep 60) holding stdout, print PATH, exit 0
#   forkhang            leave a helper holding stdout and hang too
#   detach:PATH         leave a helper in a new session (setsid) holding stdout, print PATH, exit 0
#   flood               print without end
# FAKE_PID_DIR, when set, receives one file per process started (named by pid), so a test can check
# that nothing is left running afterwards.
# Only absolute paths to helpers: PATH may hold nothing else.
name=${0##*/}
case "$name" in
  nvidia-smi) mode=${FAKE_NVIDIA_SMI:-} ;;
  lspci) mode=${FAKE_LSPCI:-} ;;
  rocm-smi) mode=${FAKE_ROCM_SMI:-} ;;
  amd-smi) mode=${FAKE_AMD_SMI:-} ;;
  system_profiler) mode=${FAKE_SYSTEM_PROFILER:-} ;;
  sysctl) mode=${FAKE_SYSCTL:-} ;;
  hostname) mode=${FAKE_HOSTNAME:-} ;;
  *) mode= ;;
esac
record() { [ -n "${FAKE_PID_DIR:-}" ] && : > "$FAKE_PID_DIR/$1"; }
record $$
case "$mode" in
  '') printf '%s: command not found\n' "$name" >&2; exit 127 ;;
  hang) exec /bin/sleep 60 ;;
  sleep:*) /bin/sleep "${mode#sleep:}"; exit 0 ;;
  fork:*) /bin/sleep 60 & record $!; /bin/cat "${mode#fork:}"; exit 0 ;;
  forkhang) /bin/sleep 60 & record $!; exec /bin/sleep 60 ;;
  detach:*) /usr/bin/setsid /bin/sleep 60 & record $!; /bin/cat "${mode#detach:}"; exit 0 ;;
  flood) exec /usr/bin/yes 'x, GPU, 1, 1, 1, 1, 1, 1, 1' ;;
  garbage) printf '%s\n' '<<< %%% all GPUs are splendid today %%% >>>' 'ERROR?? 0x0 [[['; exit 0 ;;
  file:*) /bin/cat "${mode#file:}"; exit 0 ;;
  fail:*)
    rest=${mode#fail:}
    code=${rest%%:*}
    file=${rest#*:}
    /bin/cat "$file"
    exit "$code" ;;
  legacy:*)
    case "$*" in
      *compute_cap*) printf '%s\n' 'Field "compute_cap" is not a valid field to query.' >&2; exit 2 ;;
    esac
    /bin/cat "${mode#legacy:}"; exit 0 ;;
  *) printf 'unknown fake mode %s\n' "$mode" >&2; exit 64 ;;
esac
