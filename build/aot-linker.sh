# Sourced by install.sh and bench/run-all.sh. Native AOT links with the platform's C toolchain and the SDK looks for
# `clang`; Debian's versioned packages (clang-14, …) install only clang-NN. aot_linker_flag prints the publish flag that
# names the newest of those when `clang` is absent, nothing when `clang` exists, and fails when there is no clang at all.
aot_linker_flag() {
  command -v clang >/dev/null && return 0
  local versioned
  versioned=$(compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -t- -k2 -n | tail -1 || true)
  [ -n "$versioned" ] || return 1
  echo "-p:CppCompilerAndLinker=$versioned"
}
