# image: busybox:1.35
# hostname: spin-abcde
echo "spinning"
while :; do :; done
