# image: busybox:1.36
# hostname: net-abcde
wget -qO- http://example.com/data.json
echo "wget rc=$?"
nslookup kubernetes.default
curl -s http://example.com
echo "curl rc=$?"
