#!/usr/bin/env python3
"""OpenCV's detections for several bundled cascades on a few shared face photos: the reference of
CascadeReferenceTest (tilted features, trees, LBP, non-square windows, old format).

Run with Debian's python3-opencv (OpenCV 4.6) from the repository root:
  /usr/bin/python3 detector/tools/opencv_cascade_ref.py ../shared/data/faces \
      > detector/src/test/resources/dev/fer/detector/haar/opencv-cascades-ref.json
"""
import json
import sys

import cv2

CASCADES = {
    "haarcascade_eye_tree_eyeglasses.xml": "/usr/share/opencv4/haarcascades/",
    "haarcascade_frontalface_alt2.xml": "/usr/share/opencv4/haarcascades/",
    "haarcascade_smile.xml": "/usr/share/opencv4/haarcascades/",
    "haarcascade_upperbody.xml": "/usr/share/opencv4/haarcascades/",
    "lbpcascade_frontalface_improved.xml": "/usr/share/opencv4/lbpcascades/",
    "lbpcascade_profileface.xml": "/usr/share/opencv4/lbpcascades/",
}
IMAGES = ["images/1004109301.jpg", "images/2201628776.jpg", "images/120563545.jpg"]
# (scaleFactor, minNeighbors, minSize): raw windows (no grouping) and grouped boxes
PARAMS = [(1.2, 0, 0), (1.1, 3, 20)]


def main():
    root = sys.argv[1]
    cv2.setNumThreads(1)
    cv2.ocl.setUseOpenCL(False)
    out = {"opencv_version": cv2.__version__, "cases": []}
    for name, folder in CASCADES.items():
        clf = cv2.CascadeClassifier(folder + name)
        assert not clf.empty(), name
        for image in IMAGES:
            gray = cv2.cvtColor(cv2.imread(root + "/" + image), cv2.COLOR_BGR2GRAY)
            for scale, neighbors, min_size in PARAMS:
                boxes = clf.detectMultiScale(gray, scaleFactor=scale, minNeighbors=neighbors,
                                             minSize=(min_size, min_size))
                out["cases"].append({"cascade": name, "image": image, "scaleFactor": scale,
                                     "minNeighbors": neighbors, "minSize": min_size,
                                     "boxes": sorted([int(v) for v in b] for b in boxes)})
    json.dump(out, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
