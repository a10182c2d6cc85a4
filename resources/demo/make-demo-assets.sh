#!/usr/bin/env bash
# Regenerates the media files of Concord's two demo projects from Debian packages only:
#   bbox/images/*      <- photos shipped by python3-skimage (licences: bbox/LICENSES.md)
#   transcript/audio/* <- speech synthesised with espeak-ng, post-processed with sox
# The demo.json files are hand-written (see make_demo_json.py) and are not touched here.
#
# Needs: python3-skimage, imagemagick, espeak-ng, sox (with FLAC support, as in Debian).
# Idempotent: every output is rebuilt from scratch in a temporary folder and then moved
# into place, so running it twice gives the same files. Dithering is disabled in sox (-D)
# so the audio is bit-for-bit reproducible with the same espeak-ng/sox versions.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SKIMAGE_DATA="${SKIMAGE_DATA:-/usr/lib/python3/dist-packages/skimage/data}"

for tool in convert espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 1; }
done
[ -f "$SKIMAGE_DATA/chelsea.png" ] || { echo "skimage data not found in $SKIMAGE_DATA (apt-get install python3-skimage)" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# ---------------------------------------------------------------- images
# Photos -> JPEG quality 85; coins stays a (grayscale) PNG. None is larger than 1024 px,
# so no resizing happens (the -resize '1024x1024>' only shrinks bigger images).
# -strip drops metadata (and the PNG time chunks, which would change on every run).
mkdir -p "$WORK/images"
img() { # img SOURCE_FILE TARGET_FILE [EXTRA CONVERT OPERATIONS: a crop, a mirror, a resize]
  local source="$1" target="$2"
  shift 2
  convert "$SKIMAGE_DATA/$source" -strip "$@" -resize '1024x1024>' \
    $( [[ "$target" == *.jpg ]] && echo "-quality 85 -sampling-factor 4:2:0" ) \
    "$WORK/images/$target"
}
img chelsea.png   chelsea.jpg
img coffee.png    coffee.jpg
img astronaut.png astronaut.jpg
img rocket.jpg    rocket.jpg
img camera.png    camera.jpg
img coins.png     coins.png
# The second fourteen: crops and mirror images of the first (their boxes follow by arithmetic in
# make_demo_json.py, which holds the same crop rectangles), and four CC0 or public-domain photos
# with nothing to box. +repage forgets the crop's offset so the file starts at (0, 0).
img camera.png    camera-mirrored.jpg -flop
img rocket.jpg    rocket-mirrored.jpg -flop
img coins.png     coins-top.png    -crop 384x150+0+0 +repage
img coins.png     coins-bottom.png -crop 384x153+0+150 +repage
img chelsea.png   chelsea-mirrored.jpg -flop
img coffee.png    coffee-mirrored.jpg -flop
img astronaut.png astronaut-mirrored.jpg -flop
img rocket.jpg    rocket-closeup.jpg -crop 190x367+230+60 +repage
img camera.png    cameraman.jpg -crop 400x472+0+40 +repage
img coffee.png    coffee-closeup.jpg -crop 350x360+120+0 +repage
img gravel.png    gravel.jpg
img hubble_deep_field.jpg hubble.jpg -resize 512x512
img grass.png     grass.jpg
img brick.png     brick.jpg

mkdir -p "$HERE/bbox/images"
rm -f "$HERE"/bbox/images/*
mv "$WORK"/images/* "$HERE/bbox/images/"

# ---------------------------------------------------------------- audio
# espeak-ng writes 22.05 kHz mono; sox trims espeak's own leading/trailing silence,
# pads exactly 0.3 s of digital silence on both ends and converts to 16 kHz mono 16-bit.
mkdir -p "$WORK/audio"
say() { # say VOICE TARGET_FILE TEXT
  local voice="$1" out="$2" text="$3" raw="$WORK/raw-${2%.*}.wav"
  espeak-ng -v "$voice" -s 150 -w "$raw" "$text"
  sox -D "$raw" -r 16000 -c 1 -b 16 "$WORK/audio/$out" \
    silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse pad 0.3 0.3
}
say en-us    weather.wav "um, today's weather is sunny and warm"
say en-gb+f3 lights.wav  "turn on the kitchen lights"
say en-us    timer.wav   "set a timer for ten minutes"
say en-gb+f3 capital.wav "uh, what's the capital of France"
say en-us    jazz.flac   "play some jazz music"
say en-gb+f3 remind.wav  "remind me to call mom at 5 pm"
# The second fourteen: twelve of the twenty clips hold a hesitation, so a guideline revision on
# filler words sends back enough of them for agreement per version to rest on ten or more.
# FLAC keeps them small.
say en-us    alarm.flac      "um, wake me up at seven tomorrow"
say en-gb+f3 volume.flac     "uh, turn the volume down a little"
say en-us    shopping.flac   "um, add milk to the shopping list"
say en-gb+f3 traffic.flac    "how is the traffic, uh, on the way to work"
say en-us    door.flac       "um, is the front door locked"
say en-gb+f3 pancakes.flac   "uh, show me a recipe for pancakes"
say en-us    news.flac       "um, read me the news"
say en-gb+f3 heating.flac    "set the heating to, uh, twenty degrees"
say en-us    episode.flac    "um, play the next episode"
say en-gb+f3 spell.flac      "uh, how do you spell necessary"
say en-us    translate.flac  "um, translate good morning into Spanish"
say en-gb+f3 battery.flac    "how much battery is left"
say en-us    message.flac    "send a message to Sam saying I am late"
say en-gb+f3 sunset.flac     "what time is sunset today"

mkdir -p "$HERE/transcript/audio"
rm -f "$HERE"/transcript/audio/*
mv "$WORK"/audio/* "$HERE/transcript/audio/"

echo "demo media written under $HERE"
for f in "$HERE"/bbox/images/* "$HERE"/transcript/audio/*; do
  case "$f" in
    *.wav|*.flac) printf '%-40s %ss\n' "${f#"$HERE"/}" "$(soxi -D "$f")" ;;
    *) printf '%-40s %s\n' "${f#"$HERE"/}" "$(identify -format '%wx%h' "$f")" ;;
  esac
done
