#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a dataset folder of a hostile shape, to measure loading memory:

  bench/hostile-csv.py KIND DIR N

KIND:
  wide         tracking with N empty unknown columns and 2 rows (issue 11: 20000
               columns make 169 KB, 100000 make 889 KB)
  distinct     tracking with 256 unknown columns of all-different values, N rows
  influencers  N one-character-ish influencers, every value different
  tracking     N short tracking rows, users, campaigns and products all different
  posts        N short posts, urls and captions all different
  payouts      N short payout rows
  cell         one influencer name of N bytes
  bad-row      a tracking row of N fields under an 8-column header
"""
import os
import sys

INF_HEADER = "id,name,category,gender,follower_count,platform\n"
INF_ROW = "1,A,Fitness,F,1000,Instagram\n"
TRK_HEADER = "source,campaign,influencer_id,user_id,product,date,orders,revenue"
TRK_ROW = "ig,c1,1,u,Whey Gold,2024-01-01,1,100\n"


def b36(i):
    s = ""
    while True:
        s = "0123456789abcdefghijklmnopqrstuvwxyz"[i % 36] + s
        i //= 36
        if i == 0:
            return s


def main():
    kind, folder, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    os.makedirs(folder, exist_ok=True)
    inf = open(os.path.join(folder, "influencers.csv"), "w")
    trk = open(os.path.join(folder, "tracking_data.csv"), "w")
    inf.write(INF_HEADER)
    if kind == "wide":
        inf.write(INF_ROW)
        trk.write(TRK_HEADER + "".join(f",x{i}" for i in range(n)) + "\n")
        for r in range(2):
            trk.write(f"ig,c1,1,u{r},Whey Gold,2024-01-0{r + 1},1,100" + "," * n + "\n")
    elif kind == "distinct":
        inf.write(INF_ROW)
        trk.write(TRK_HEADER + "".join(f",e{i}" for i in range(256)) + "\n")
        for r in range(n):
            trk.write(",,1,,,2024-01-01,1,1" + "".join("," + b36(r * 256 + i) for i in range(256)) + "\n")
    elif kind == "influencers":
        trk.write(TRK_HEADER + "\n" + TRK_ROW)
        for r in range(n):
            k = b36(r)
            inf.write(f"{k},{k},{k},{k},1,{k}\n")
    elif kind == "tracking":
        inf.write(INF_ROW)
        trk.write(TRK_HEADER + "\n")
        for r in range(n):
            k = b36(r)
            trk.write(f"i,{k},1,{k},{k},2024-01-01,1,1\n")
    elif kind == "posts":
        inf.write(INF_ROW)
        trk.write(TRK_HEADER + "\n" + TRK_ROW)
        with open(os.path.join(folder, "posts.csv"), "w") as posts:
            posts.write("influencer_id,platform,date,url,caption,reach,likes,comments\n")
            for r in range(n):
                k = b36(r)
                posts.write(f"1,i,2024-01-01,{k},{k},1,1,1\n")
    elif kind == "payouts":
        inf.write(INF_ROW)
        trk.write(TRK_HEADER + "\n" + TRK_ROW)
        with open(os.path.join(folder, "payouts.csv"), "w") as payouts:
            payouts.write("influencer_id,basis,rate,orders,total_payout\n")
            payouts.write("1,post,1,,\n" * n)
    elif kind == "cell":
        inf.write("1," + "n" * n + ",F,M,1,I\n")
        trk.write(TRK_HEADER + "\n" + TRK_ROW)
    elif kind == "bad-row":
        inf.write(INF_ROW)
        trk.write(TRK_HEADER + "\n" + TRK_ROW + "," * n + "\n")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
