#!/usr/bin/env python3
"""Writes bbox/demo.json and transcript/demo.json for Concord's demo projects.

The annotations are hand-made: boxes were placed by looking at each image (coin boxes
started from a watershed segmentation of coins.png and were padded by 1 px), segment
times were read off each clip's energy envelope (speech starts at 300 ms in every clip
because make-demo-assets.sh pads 0.3 s of silence). Disagreements between labelers are
deliberate; see the comments below and README/LICENSES in each folder.

Run from anywhere: python3 resources/demo/make_demo_json.py
Only the standard library is used; the output is deterministic.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
LABELERS = [
    {"name": "ana", "role": "labeler"},
    {"name": "ben", "role": "labeler"},
    {"name": "chen", "role": "labeler"},
    {"name": "sam", "role": "sme"},
]


def flags(unsure=False, comment=""):
    return {"unsure": unsure, "comment": comment}


def box(i, cls, x1, y1, x2, y2, prefix="b"):
    return {"id": f"{prefix}{i}", "class": cls, "x1": x1, "y1": y1, "x2": x2, "y2": y2}


def boxes(prefix, items):
    return [box(i + 1, c, *xyxy, prefix=prefix) for i, (c, xyxy) in enumerate(items)]


def bbox_ann(file, labeler, items, status="submitted", tags=(), no_objects=False, fl=None):
    return {
        "file": file,
        "labeler": labeler,
        "status": status,
        "payload": {
            "v": 1,
            "kind": "bbox",
            "boxes": boxes(labeler[0], items),
            "noObjects": no_objects,
            "flags": fl or flags(),
            "tags": list(tags),
        },
    }


# --------------------------------------------------------------------------- bbox

# The 24 coins of coins.png (384x303), row by row, left to right.
COINS = [
    (21, 34, 68, 75), (80, 38, 121, 75), (131, 27, 180, 75), (191, 29, 241, 74), (254, 33, 298, 73), (304, 15, 366, 73),
    (24, 103, 68, 146), (83, 107, 123, 146), (133, 109, 174, 146), (185, 104, 227, 145), (244, 94, 297, 145), (316, 105, 357, 146),
    (25, 178, 64, 218), (79, 174, 125, 218), (134, 178, 175, 218), (188, 169, 238, 218), (250, 171, 298, 218), (314, 155, 381, 219),
    (17, 232, 76, 289), (92, 244, 137, 288), (143, 235, 202, 289), (219, 239, 270, 289), (275, 238, 327, 290), (335, 247, 383, 290),
]
# chen skips four coins (the small/edge ones) and places the rest a pixel or so differently.
CHEN_MISSES = {1, 11, 12, 23}
CHEN_JITTER = [(1, 0, 0, 1), (0, 1, -1, 0), (-1, 0, 1, 0), (0, -1, 0, 1), (1, 1, 0, 0), (0, 0, -1, -1)]


def chen_coins():
    out = []
    for i, (x1, y1, x2, y2) in enumerate(COINS):
        if i in CHEN_MISSES:
            continue
        dx1, dy1, dx2, dy2 = CHEN_JITTER[i % len(CHEN_JITTER)]
        out.append(("coin", (x1 + dx1, y1 + dy1, min(x2 + dx2, 383), min(y2 + dy2, 302))))
    return out


def skimage_meta(original, credit, licence):
    return {"source": "scikit-image (Debian python3-skimage)", "original": original, "credit": credit, "licence": licence}


BBOX = {
    "name": "Demo: everyday objects",
    "kind": "bbox",
    "classes": [
        {"name": "person", "color": "#e69f00", "hotkey": "1"},
        {"name": "cat", "color": "#56b4e9", "hotkey": "2"},
        {"name": "cup", "color": "#009e73", "hotkey": "3"},
        {"name": "rocket", "color": "#f0e442", "hotkey": "4"},
        {"name": "coin", "color": "#0072b2", "hotkey": "5"},
        {"name": "camera", "color": "#d55e00", "hotkey": "6"},
        {"name": "vehicle", "color": "#cc79a7", "hotkey": "7"},
    ],
    "tags": [
        {"name": "blurry", "hotkey": "b"},
        {"name": "dark", "hotkey": "d"},
        {"name": "occluded", "hotkey": "o"},
        {"name": "small objects", "hotkey": "s"},
        {"name": "grayscale", "hotkey": "g"},
    ],
    "labelers": LABELERS,
    "samples": [
        {"file": "images/coins.png", "tags": ["grayscale"],
         "metadata": skimage_meta("coins.png", "Brooklyn Museum Collection", "No known copyright restrictions")},
        {"file": "images/camera.jpg", "tags": ["grayscale"],
         "metadata": skimage_meta("camera.png", "Lav Varshney", "CC0")},
        {"file": "images/coffee.jpg", "tags": [],
         "metadata": skimage_meta("coffee.png", "Rachel Michetti (courtesy of Pikolo Espresso Bar)", "CC0")},
        {"file": "images/astronaut.jpg", "tags": [],
         "metadata": skimage_meta("astronaut.png", "NASA", "Public domain")},
        {"file": "images/rocket.jpg", "tags": ["dark"],
         "metadata": skimage_meta("rocket.jpg", "SpaceX", "Public domain")},
        {"file": "images/chelsea.jpg", "tags": [],
         "metadata": skimage_meta("chelsea.png", "Stefan van der Walt", "CC0")},
    ],
    "annotations": [
        # coins: one-versus-many. ana boxes all 24 coins, ben one box around the group,
        # chen boxes 20 and misses 4. Tag disagreement: ben leaves out "small objects".
        bbox_ann("images/coins.png", "ana", [("coin", c) for c in COINS], tags=["grayscale", "small objects"]),
        bbox_ann("images/coins.png", "ben", [("coin", (14, 12, 383, 293))], tags=["grayscale"]),
        bbox_ann("images/coins.png", "chen", chen_coins(), tags=["grayscale", "small objects"]),
        # camera: missing object. ben boxes the cameraman but not the camera.
        bbox_ann("images/camera.jpg", "ana", [("person", (0, 63, 332, 511)), ("camera", (256, 138, 326, 188))], tags=["grayscale"]),
        bbox_ann("images/camera.jpg", "ben", [("person", (0, 62, 333, 511))], tags=["grayscale"]),
        bbox_ann("images/camera.jpg", "chen", [("person", (0, 64, 331, 511)), ("camera", (255, 139, 327, 187))], tags=["grayscale"]),
        # coffee: loose vs tight. ben's cup box is loose (IoU ~0.73 with ana's); chen skipped it.
        bbox_ann("images/coffee.jpg", "ana", [("cup", (172, 17, 409, 307))]),
        bbox_ann("images/coffee.jpg", "ben", [("cup", (150, 4, 440, 330))]),
        # astronaut: class mismatch. The shuttle model is a "rocket" for ana and ben, a "vehicle" for chen.
        bbox_ann("images/astronaut.jpg", "ana", [("person", (19, 14, 364, 511)), ("rocket", (356, 0, 459, 268))]),
        bbox_ann("images/astronaut.jpg", "ben", [("person", (20, 15, 363, 511)), ("rocket", (357, 1, 458, 267))]),
        bbox_ann("images/astronaut.jpg", "chen", [("person", (18, 14, 365, 511)), ("vehicle", (356, 0, 458, 268))], status="draft"),
        # rocket: flag mismatch. ben boxes the same rocket but marks himself unsure;
        # tag disagreement: ana adds "small objects".
        bbox_ann("images/rocket.jpg", "ana", [("rocket", (308, 127, 337, 406))], tags=["dark", "small objects"]),
        bbox_ann("images/rocket.jpg", "ben", [("rocket", (309, 126, 337, 405))], tags=["dark"],
                 fl=flags(True, "The service tower arms touch the rocket. I boxed the rocket only, not the tower. Is that right?")),
        bbox_ann("images/rocket.jpg", "chen", [("rocket", (308, 128, 336, 406))], tags=["dark"]),
        # chelsea: flag mismatch (noObjects). chen says there's no object because only the cat's face is in frame; the others box the cat.
        # Tag disagreement: ben adds "blurry" for the out-of-focus background.
        bbox_ann("images/chelsea.jpg", "ana", [("cat", (0, 0, 400, 299))]),
        bbox_ann("images/chelsea.jpg", "ben", [("cat", (0, 0, 398, 299))], status="draft", tags=["blurry"]),
        bbox_ann("images/chelsea.jpg", "chen", [], no_objects=True,
                 fl=flags(True, "Close-up: only the face is in frame. Does a cut-off cat count? Marked no objects for now.")),
    ],
}

# --------------------------------------------------------------------------- transcript


def seg(i, start, end, text):
    return {"id": f"s{i}", "startMs": start, "endMs": end, "text": text}


def tr_ann(file, labeler, segs, status="submitted", tags=("clean speech",), mode="segments", fl=None, no_speech=False):
    return {
        "file": file,
        "labeler": labeler,
        "status": status,
        "payload": {
            "v": 1,
            "kind": "transcript",
            "mode": mode,
            "segments": [seg(i + 1, *s) for i, s in enumerate(segs)],
            "noSpeech": no_speech,
            "flags": fl or flags(),
            "tags": list(tags),
        },
    }


def espeak_meta(voice):
    return {"source": "espeak-ng speech synthesis (generated for Concord)", "voice": voice, "licence": "CC0"}


# Measured (10 ms RMS frames, threshold 0.01): clip length / speech span / pauses inside speech.
#   weather.wav 3405 ms, speech 300-3110, pause 670-910 after "um"
#   lights.wav  2032 ms, speech 300-1740
#   timer.wav   2438 ms, speech 300-2140
#   capital.wav 2737 ms, speech 300-2440, pause 510-700 after "uh"
#   jazz.flac   2012 ms, speech 300-1710
#   remind.wav  2997 ms, speech 300-2700
TRANSCRIPT = {
    "name": "Demo: voice commands",
    "kind": "transcript",
    "classes": [],
    "tags": [
        {"name": "clean speech", "hotkey": "c"},
        {"name": "car noise", "hotkey": "n"},
        {"name": "people noise", "hotkey": "p"},
        {"name": "low bandwidth", "hotkey": "l"},
    ],
    "labelers": LABELERS,
    "samples": [
        {"file": "audio/weather.wav", "tags": ["clean speech"], "metadata": espeak_meta("en-us")},
        {"file": "audio/lights.wav", "tags": ["clean speech"], "metadata": espeak_meta("en-gb+f3")},
        {"file": "audio/timer.wav", "tags": ["clean speech"], "metadata": espeak_meta("en-us")},
        {"file": "audio/capital.wav", "tags": ["clean speech"], "metadata": espeak_meta("en-gb+f3")},
        {"file": "audio/jazz.flac", "tags": ["clean speech"], "metadata": espeak_meta("en-us")},
        {"file": "audio/remind.wav", "tags": [], "metadata": espeak_meta("en-gb+f3")},
    ],
    "annotations": [
        # weather: filler words. "Um, ..." vs no filler (ben starts after the um) vs "Um... ..." without final period.
        tr_ann("audio/weather.wav", "ana", [(300, 3110, "Um, today's weather is sunny and warm.")]),
        tr_ann("audio/weather.wav", "ben", [(890, 3100, "Today's weather is sunny and warm.")]),
        tr_ann("audio/weather.wav", "chen", [(320, 3150, "Um... today's weather is sunny and warm")]),
        # lights: punctuation only (ben has no final period); chen's boundaries are ~230 ms late at both ends;
        # tag disagreement: chen adds "low bandwidth".
        tr_ann("audio/lights.wav", "ana", [(300, 1750, "Turn on the kitchen lights.")]),
        tr_ann("audio/lights.wav", "ben", [(290, 1740, "Turn on the kitchen lights")]),
        tr_ann("audio/lights.wav", "chen", [(520, 1970, "Turn on the kitchen lights.")], tags=["clean speech", "low bandwidth"]),
        # timer: numerals vs words ("ten" vs "10"). chen did not do this clip.
        tr_ann("audio/timer.wav", "ana", [(300, 2150, "Set a timer for ten minutes.")]),
        tr_ann("audio/timer.wav", "ben", [(310, 2140, "Set a timer for 10 minutes.")]),
        # capital: segmentation mismatch (ana one segment in clip mode, ben two segments split at the pause
        # after "uh"); casing only (chen writes "france").
        tr_ann("audio/capital.wav", "ana", [(300, 2440, "Uh, what's the capital of France?")], mode="clip"),
        tr_ann("audio/capital.wav", "ben", [(300, 520, "Uh."), (700, 2440, "What's the capital of France?")]),
        tr_ann("audio/capital.wav", "chen", [(300, 2450, "Uh, what's the capital of france?")], status="draft"),
        # jazz: boundary shifts (ben's segment starts 240 ms early and ends 240 ms late); missing word (chen drops "some").
        tr_ann("audio/jazz.flac", "ana", [(300, 1710, "Play some jazz music.")]),
        tr_ann("audio/jazz.flac", "ben", [(60, 1950, "Play some jazz music.")], status="draft"),
        tr_ann("audio/jazz.flac", "chen", [(300, 1700, "Play jazz music.")]),
        # remind: numerals vs words ("5 pm" vs "five p.m."); chen hears "mum" (British voice), marks herself unsure,
        # and her end boundary is ~140 ms early.
        tr_ann("audio/remind.wav", "ana", [(300, 2700, "Remind me to call mom at 5 pm.")]),
        tr_ann("audio/remind.wav", "ben", [(300, 2710, "Remind me to call mom at five p.m.")]),
        tr_ann("audio/remind.wav", "chen", [(310, 2560, "Remind me to call mum at 5 pm.")], tags=["clean speech", "low bandwidth"],
               fl=flags(True, "British voice: is it 'mum' or 'mom'? I wrote what I heard.")),
    ],
}


def write(rel, data):
    path = os.path.join(HERE, rel)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote", path)


if __name__ == "__main__":
    write("bbox/demo.json", BBOX)
    write("transcript/demo.json", TRANSCRIPT)
