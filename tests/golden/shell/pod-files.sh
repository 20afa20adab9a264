# image: busybox:1.36
# hostname: files-x7k2p
# The files the kubelet and the runtime put in a pod, and ls -l columns (busybox ls.c).
cat /etc/hostname /etc/hosts /etc/resolv.conf
grep -c processor /proc/cpuinfo
head -1 /proc/meminfo
echo 12345 > /tmp/f
ls -la /tmp
find /etc -name 'host*'
find /etc -type f | xargs -n2 echo
