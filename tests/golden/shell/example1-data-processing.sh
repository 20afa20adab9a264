# image: busybox:1.35
# hostname: data-processing-job-x7k2f
echo "Starting data processing job at $(date)"
echo "Processing file: input-data.txt"

# Simulate data processing work
for i in $(seq 1 10); do
  echo "Processing record $i/10"
  sleep 2
done

echo "Data processing completed successfully at $(date)"
echo "Results written to: output-results.txt"

# Exit with success
exit 0
