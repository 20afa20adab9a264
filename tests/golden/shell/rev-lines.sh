# busybox rev: each line reversed, newline kept, a last line without one, a missing file
printf 'foo\nbar baz\n' > /tmp/in.txt
rev /tmp/in.txt
printf 'héllo\nno newline' | rev
echo
rev /tmp/missing.txt; echo "rc=$?"
