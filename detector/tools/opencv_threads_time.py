#!/usr/bin/env python3
"""OpenCV's detectMultiScale time per image on 1 thread and on every core, for the detector
benchmark's frames (bench/target/detector-frames, written by dev.fer.bench.detector.BenchFrames).

  /usr/bin/python3 detector/tools/opencv_threads_time.py CASCADE IMAGE... [--runs 30]

Prints, per image and thread count, the median and the min of --runs timed calls after 3 warm-ups
(scaleFactor 1.1, minNeighbors 5, minSize 30, OpenCL off) and the boxes found.
"""
import argparse
import os
import statistics
import time

import cv2


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cascade")
    ap.add_argument("images", nargs="+")
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    cv2.ocl.setUseOpenCL(False)
    clf = cv2.CascadeClassifier(args.cascade)
    for path in args.images:
        gray = cv2.cvtColor(cv2.imread(path), cv2.COLOR_BGR2GRAY)
        for threads in (1, os.cpu_count()):
            cv2.setNumThreads(threads)
            for _ in range(3):
                faces = clf.detectMultiScale(gray, 1.1, 5, minSize=(30, 30))
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                clf.detectMultiScale(gray, 1.1, 5, minSize=(30, 30))
                times.append((time.perf_counter() - t0) * 1000)
            print("%s %dx%d threads=%d median %.1f ms min %.1f ms boxes %s" % (
                os.path.basename(path), gray.shape[1], gray.shape[0], threads, statistics.median(times),
                min(times), sorted(map(list, map(lambda b: map(int, b), faces)))))


if __name__ == "__main__":
    main()
