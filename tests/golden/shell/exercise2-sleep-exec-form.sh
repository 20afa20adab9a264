# image: busybox:1.35
# hostname: sequential-job-5k7jd
# exec: sleep|10
