# image: busybox:1.36
# hostname: tools-abcde
# busybox tac, which and chmod (the file system keeps no permission bits)
printf 'one\ntwo\nthree\n' | tac
printf 'a\nb' | tac; echo
which sh ls wget; echo "which rc=$?"
which nope; echo "which rc=$?"
echo 'echo hi' > /tmp/run.sh
chmod +x /tmp/run.sh; echo "chmod rc=$?"
chmod 755 /tmp/missing.sh; echo "chmod rc=$?"
chmod bogus /tmp/run.sh; echo "chmod rc=$?"
