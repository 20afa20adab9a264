# image: busybox:1.35
# hostname: job-with-storage-q2w4r
# mount: /data shared-data
echo "Writing results to shared volume..."
echo "Processing complete" > /data/result.txt
cat /data/result.txt
