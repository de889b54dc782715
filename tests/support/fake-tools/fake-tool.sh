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
# Only absolute paths to helpers: PATH may hold nothing else.
name=${0##*/}
case "$name" in
  nvidia-smi) mode=${FAKE_NVIDIA_SMI:-} ;;
  lspci) mode=${FAKE_LSPCI:-} ;;
  rocm-smi) mode=${FAKE_ROCM_SMI:-} ;;
  amd-smi) mode=${FAKE_AMD_SMI:-} ;;
  system_profiler) mode=${FAKE_SYSTEM_PROFILER:-} ;;
  sysctl) mode=${FAKE_SYSCTL:-} ;;
  *) mode= ;;
esac
case "$mode" in
  '') printf '%s: command not found\n' "$name" >&2; exit 127 ;;
  hang) exec /bin/sleep 60 ;;
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
