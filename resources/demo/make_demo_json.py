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
    {"name": "eli", "role": "engineer"},
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


# ---- the second fourteen images: crops and mirror images of the first (same rectangles as
# make-demo-assets.sh), and four photos with nothing to box.
def mirrored(xyxy, width):
    """A box in the left-right mirror image of a photo `width` pixels wide (pixel columns 0..width-1)."""
    x1, y1, x2, y2 = xyxy
    return (width - 1 - x2, y1, width - 1 - x1, y2)


def cropped(xyxy, left, top, width, height):
    """A box in a crop of its photo, clipped to the crop."""
    x1, y1, x2, y2 = xyxy
    return (max(x1 - left, 0), max(y1 - top, 0), min(x2 - left, width - 1), min(y2 - top, height - 1))


def iou(a, b):
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    area = lambda r: (r[2] - r[0]) * (r[3] - r[1])
    return ix * iy / (area(a) + area(b) - ix * iy)


def loose(xyxy, width, height):
    """ben's habit in the second fourteen: a margin of 15% of the object on every side the image allows,
    so his box and a tight one overlap by IoU 0.5-0.85, a "loose or tight box" disagreement, never a
    missed object."""
    x1, y1, x2, y2 = xyxy
    mx, my = round((x2 - x1) * 0.15), round((y2 - y1) * 0.15)
    out = (max(x1 - mx, 0), max(y1 - my, 0), min(x2 + mx, width - 1), min(y2 + my, height - 1))
    assert 0.5 <= iou(out, xyxy) < 0.85, (xyxy, out, iou(out, xyxy))
    return out


def nudged(xyxy, i, width, height):
    """chen's few-pixel differences from ana (IoU well above 0.85, an agreement)."""
    dx1, dy1, dx2, dy2 = CHEN_JITTER[i % len(CHEN_JITTER)]
    x1, y1, x2, y2 = xyxy
    return (max(x1 + dx1, 0), max(y1 + dy1, 0), min(x2 + dx2, width - 1), min(y2 + dy2, height - 1))


# (file, width, height, tight boxes as ana draws them, tags)
LOOSE_BY_BEN = [
    ("images/camera-mirrored.jpg", 512, 512,
     [("person", mirrored((0, 63, 332, 511), 512)), ("camera", mirrored((256, 138, 326, 188), 512))], ["grayscale"]),
    ("images/rocket-mirrored.jpg", 640, 427, [("rocket", mirrored((308, 127, 337, 406), 640))], ["dark"]),
    ("images/coffee-mirrored.jpg", 600, 400, [("cup", mirrored((172, 17, 409, 307), 600))], []),
    ("images/astronaut-mirrored.jpg", 512, 512,
     [("person", mirrored((19, 14, 364, 511), 512)), ("rocket", mirrored((356, 0, 459, 268), 512))], []),
    ("images/rocket-closeup.jpg", 190, 367, [("rocket", cropped((308, 127, 337, 406), 230, 60, 190, 367))], ["dark"]),
    ("images/cameraman.jpg", 400, 472,
     [("person", cropped((0, 63, 332, 511), 0, 40, 400, 472)), ("camera", cropped((256, 138, 326, 188), 0, 40, 400, 472))],
     ["grayscale"]),
    ("images/coffee-closeup.jpg", 350, 360, [("cup", cropped((172, 17, 409, 307), 120, 0, 350, 360))], []),
    ("images/coins-bottom.png", 384, 153, [("coin", cropped(c, 0, 150, 384, 153)) for c in COINS[12:]], ["grayscale"]),
]
COINS_TOP = [("coin", c) for c in COINS[:12]]
# The cat fills the frame, so there is no room for a looser box: all three agree.
CHELSEA_MIRRORED = [("cat", mirrored((0, 0, 400, 299), 451))]
NOTHING_TO_BOX = [("images/gravel.jpg", []), ("images/hubble.jpg", ["dark"]), ("images/grass.jpg", []), ("images/brick.jpg", [])]


def second_fourteen_annotations():
    out = []
    # Loose or tight: ben leaves a margin around every object on eight photos (and coins-top below);
    # ana and chen draw tight boxes a pixel or two apart. With the coffee photo that makes ten
    # samples that a revision of "Tight boxes" sends back for relabeling.
    for file, width, height, items, tags in LOOSE_BY_BEN:
        out.append(bbox_ann(file, "ana", items, tags=tags))
        out.append(bbox_ann(file, "ben", [(c, loose(xyxy, width, height)) for c, xyxy in items], tags=tags))
        out.append(bbox_ann(file, "chen", [(c, nudged(xyxy, i, width, height)) for i, (c, xyxy) in enumerate(items)], tags=tags))
    # coins-top: missing objects as well. ben skips the two coins at the right end of the top row.
    out.append(bbox_ann("images/coins-top.png", "ana", COINS_TOP, tags=["grayscale", "small objects"]))
    out.append(bbox_ann("images/coins-top.png", "ben", [(c, loose(xyxy, 384, 150)) for c, xyxy in COINS_TOP[:4] + COINS_TOP[6:]],
                        tags=["grayscale", "small objects"]))
    out.append(bbox_ann("images/coins-top.png", "chen",
                        [(c, nudged(xyxy, i, 384, 150)) for i, (c, xyxy) in enumerate(COINS_TOP)], tags=["grayscale", "small objects"]))
    for i, labeler in enumerate(("ana", "ben", "chen")):
        out.append(bbox_ann("images/chelsea-mirrored.jpg", labeler, [(c, nudged(xyxy, i, 451, 300)) for c, xyxy in CHELSEA_MIRRORED]))
    # Nothing to box: all three say so (agreement needs easy samples too).
    for file, tags in NOTHING_TO_BOX:
        for labeler in ("ana", "ben", "chen"):
            out.append(bbox_ann(file, labeler, [], tags=tags, no_objects=True))
    return out


def skimage_meta(original, credit, licence):
    return {"source": "scikit-image (Debian python3-skimage)", "original": original, "credit": credit, "licence": licence}


# Where each of the second fourteen comes from (original file in skimage's data, credit, licence).
SECOND_FOURTEEN_SOURCES = {
    "images/camera-mirrored.jpg": ("camera.png, mirrored", "Lav Varshney", "CC0"),
    "images/rocket-mirrored.jpg": ("rocket.jpg, mirrored", "SpaceX", "Public domain"),
    "images/chelsea-mirrored.jpg": ("chelsea.png, mirrored", "Stefan van der Walt", "CC0"),
    "images/coffee-mirrored.jpg": ("coffee.png, mirrored", "Rachel Michetti (courtesy of Pikolo Espresso Bar)", "CC0"),
    "images/astronaut-mirrored.jpg": ("astronaut.png, mirrored", "NASA", "Public domain"),
    "images/rocket-closeup.jpg": ("rocket.jpg, cropped", "SpaceX", "Public domain"),
    "images/cameraman.jpg": ("camera.png, cropped", "Lav Varshney", "CC0"),
    "images/coffee-closeup.jpg": ("coffee.png, cropped", "Rachel Michetti (courtesy of Pikolo Espresso Bar)", "CC0"),
    "images/coins-bottom.png": ("coins.png, cropped", "Brooklyn Museum Collection", "No known copyright restrictions"),
    "images/coins-top.png": ("coins.png, cropped", "Brooklyn Museum Collection", "No known copyright restrictions"),
    "images/gravel.jpg": ("gravel.png", "CC0Textures", "CC0"),
    "images/hubble.jpg": ("hubble_deep_field.jpg", "NASA", "Public domain"),
    "images/grass.jpg": ("grass.png", "DeviantArt user linolafett", "CC0"),
    "images/brick.jpg": ("brick.png", "CC0Textures", "CC0"),
}

BBOX_GUIDELINE = (
    "# Boxing everyday objects\n"
    "\n"
    "Draw one tight box around each visible object of a listed class.\n"
    "\n"
    "## Tight boxes {#tight}\n"
    "\n"
    "The box touches the object's outermost visible pixels on all four sides.\n"
    "\n"
    "## Classes {#classes}\n"
    "\n"
    "Choose the class for what the object *is*, not what it is used for.\n"
    "\n"
    "## Nothing to box {#no-objects}\n"
    "\n"
    "If no object of a listed class is visible, mark the image *no objects*.\n"
)

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
    "guideline": BBOX_GUIDELINE,
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
        *[{"file": file, "tags": tags, "metadata": skimage_meta(*SECOND_FOURTEEN_SOURCES[file])}
          for file, _, _, _, tags in LOOSE_BY_BEN],
        *[{"file": file, "tags": tags, "metadata": skimage_meta(*SECOND_FOURTEEN_SOURCES[file])}
          for file, tags in [("images/coins-top.png", ["grayscale"]), ("images/chelsea-mirrored.jpg", [])]],
        *[{"file": file, "tags": tags, "metadata": skimage_meta(*SECOND_FOURTEEN_SOURCES[file])} for file, tags in NOTHING_TO_BOX],
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
        *second_fourteen_annotations(),
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
# The second fourteen clips (make-demo-assets.sh), with each clip's length in ms (soxi -D). Speech
# runs from 300 ms to 300 ms before the end (the script pads 0.3 s of silence on both ends), and the
# labelers place one segment there within a few ms of each other.
# (name, voice, length ms, what ana writes, what ben writes)
SECOND_FOURTEEN_CLIPS = [
    ("alarm", "en-us", 3016, "Um, wake me up at seven tomorrow.", "Wake me up at seven tomorrow."),
    ("volume", "en-gb+f3", 2757, "Uh, turn the volume down a little.", "Turn the volume down a little."),
    ("shopping", "en-us", 2940, "Um, add milk to the shopping list.", "Add milk to the shopping list."),
    ("traffic", "en-gb+f3", 3356, "How is the traffic, uh, on the way to work?", "How is the traffic on the way to work?"),
    ("door", "en-us", 2577, "Um, is the front door locked?", "Is the front door locked?"),
    ("pancakes", "en-gb+f3", 2978, "Uh, show me a recipe for pancakes.", "Show me a recipe for pancakes."),
    ("news", "en-us", 2235, "Um, read me the news.", "Read me the news."),
    ("heating", "en-gb+f3", 3462, "Set the heating to, uh, twenty degrees.", "Set the heating to twenty degrees."),
    ("episode", "en-us", 2665, "Um, play the next episode.", "Play the next episode."),
    ("spell", "en-gb+f3", 2623, "Uh, how do you spell necessary?", "How do you spell necessary?"),
    ("translate", "en-us", 3351, "Um, translate good morning into Spanish.", "Translate good morning into Spanish."),
    ("battery", "en-gb+f3", 2094, "How much battery is left?", "How much battery is left"),
    ("message", "en-us", 3041, "Send a message to Sam saying I am late.", "Send a message to Sam saying I am late."),
    ("sunset", "en-gb+f3", 2419, "What time is sunset today?", "What time is sunset today?"),
]
# What chen writes where she differs from ana; elsewhere she writes what ana writes.
CHEN_DIFFERS = {
    # Filler words: chen leaves out the hesitation in the British voice's clips, as ben does, so
    # the eleven new hesitations (and weather's) split the labelers, not one labeler from two.
    "volume": "Turn the volume down a little.",
    "traffic": "How is the traffic on the way to work?",
    "pancakes": "Show me a recipe for pancakes.",
    "heating": "Set the heating to 20 degrees.",  # and numerals vs. words
    "spell": "How do you spell necessary?",
    "alarm": "Um, wake me up at 7 tomorrow.",  # numerals vs. words
    "translate": "Um, translate good morning into spanish.",  # casing only
    "message": "Send a message to Sam I am late.",  # a missing word
}


def second_fourteen_clip_annotations():
    out = []
    for i, (name, _voice, length, ana_text, ben_text) in enumerate(SECOND_FOURTEEN_CLIPS):
        file, end = f"audio/{name}.flac", length - 300
        out.append(tr_ann(file, "ana", [(300, end, ana_text)]))
        out.append(tr_ann(file, "ben", [(300 + i % 3 * 10, end - 10, ben_text)]))
        if name != "door":  # chen did not do this clip
            out.append(tr_ann(file, "chen", [(310, end - i % 2 * 10, CHEN_DIFFERS.get(name, ana_text))], status="draft" if name == "news" else "submitted"))
    return out


TRANSCRIPT_GUIDELINE = (
    "# Transcribing voice commands\n"
    "\n"
    "Write what the speaker says, as they say it, one command per clip.\n"
    "\n"
    "## Words {#words}\n"
    "\n"
    "Write every word you hear, in standard spelling. If a word is unclear, write your best guess and mark the clip *unsure*.\n"
    "\n"
    "## Punctuation and case {#punctuation}\n"
    "\n"
    "Start with a capital letter and end with a full stop or a question mark.\n"
    "\n"
    "## No speech {#no-speech}\n"
    "\n"
    "If the clip has no speech at all, mark it *no speech* and write nothing.\n"
)

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
    "guideline": TRANSCRIPT_GUIDELINE,
    "labelers": LABELERS,
    "samples": [
        {"file": "audio/weather.wav", "tags": ["clean speech"], "metadata": espeak_meta("en-us")},
        {"file": "audio/lights.wav", "tags": ["clean speech"], "metadata": espeak_meta("en-gb+f3")},
        {"file": "audio/timer.wav", "tags": ["clean speech"], "metadata": espeak_meta("en-us")},
        {"file": "audio/capital.wav", "tags": ["clean speech"], "metadata": espeak_meta("en-gb+f3")},
        {"file": "audio/jazz.flac", "tags": ["clean speech"], "metadata": espeak_meta("en-us")},
        {"file": "audio/remind.wav", "tags": [], "metadata": espeak_meta("en-gb+f3")},
        *[{"file": f"audio/{name}.flac", "tags": ["clean speech"], "metadata": espeak_meta(voice)} for name, voice, _, _, _ in SECOND_FOURTEEN_CLIPS],
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
        *second_fourteen_clip_annotations(),
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
