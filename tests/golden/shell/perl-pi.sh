# image: perl:5.34.0
# hostname: pi-abcde
# exec: perl|-Mbignum=bpi|-wle|print bpi(2000)
