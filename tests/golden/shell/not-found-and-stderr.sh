# image: busybox:1.35
# hostname: errors-abcde
echo "before"
curl http://example.com
echo "status $?" >&2
sleep 1
echo $((10 / 0))
echo "never"
