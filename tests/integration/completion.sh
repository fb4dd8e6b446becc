# SPDX-License-Identifier: MIT
# Bash completion (contrib/sigtrace.bash-completion): --opt=VALUE, signal
# names after -e signal= (also inside a list, after !), only *.jsonl
# logs after `sigtrace report`, and the traced command's own completion
# for its arguments, after -- or after its name.  Skips without bash or
# the bash-completion package.
. "$TESTLIB"
BC=/usr/share/bash-completion/bash_completion
command -v bash >/dev/null 2>&1 || skip "no bash"
[ -f "$BC" ] || skip "no bash-completion package ($BC)"
SRC=${TESTLIB%/tests/integration/lib.sh}/contrib/sigtrace.bash-completion

mkdir "$T/d" "$T/d/sub"
: >"$T/d/trace.jsonl"
: >"$T/d/notes.txt"

# complete LINE: the completions bash would offer at the end of LINE,
# sorted, one per line.  The line is split into words as bash does,
# '=' (in COMP_WORDBREAKS) a word of its own.
cat >"$T/complete.bash" <<'EOS'
. "$BC" 2>/dev/null
. "$SRC"
_mycmd() { COMPREPLY=(mycmd-own-word); }
complete -F _mycmd mycmd
cd "$DIR"
line=$1
read -r -a COMP_WORDS <<<"$(printf '%s' "$line" | sed 's/=/ = /g')"
[[ $line == *" " ]] && COMP_WORDS+=("")
[[ $line == *= ]] && COMP_WORDS+=("")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
COMPREPLY=()
_sigtrace sigtrace "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
printf '%s\n' "${COMPREPLY[@]}" | sort
EOS

complete_line() {
	BC=$BC SRC=$SRC DIR=$T/d bash "$T/complete.bash" "$1" 2>"$T/bash.err"
}

expect() {
	got=$(complete_line "$1" | tr '\n' ' ')
	[ "$got" = "$2" ] || {
		show_file "$T/bash.err" "bash stderr"
		fail "completing '$1': got '$got', expected '$2'"
	}
}

expect 'sigtrace --color=al' 'always '
expect 'sigtrace --report-format=ht' 'html '
expect 'sigtrace --quiet=ex' 'exit '
expect 'sigtrace -S ei' 'eintr '
expect 'sigtrace -e signal=US' 'signal=USR1 signal=USR2 '
expect 'sigtrace -e signal=USR1,!HU' 'signal=USR1,!HUP '
expect 'sigtrace --signal=CH' 'CHLD '
expect 'sigtrace -e qu' 'quiet= '
expect 'sigtrace report ' 'sub trace.jsonl '
expect 'sigtrace report --format co' 'counts '
expect 'sigtrace -- mycmd -' 'mycmd-own-word '
expect 'sigtrace -k -o log mycmd -' 'mycmd-own-word '
expect 'sigtrace -e signal=HUP mycmd ' 'mycmd-own-word '
got=$(complete_line 'sigtrace --summ' | tr '\n' ' ')
[ "$got" = "--summary --summary-only --summary-sort-by " ] ||
	fail "completing options: got '$got'"
exit 0
