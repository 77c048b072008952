#!/bin/sh
# Builds the evidence test fixtures (test/fixtures/evidence/), committed as small binary files:
# a phone-like JPEG with GPS, device and author tags (EXIF, XMP, IPTC, a comment and an EXIF
# thumbnail), a PDF with an author (Info dictionary and XMP, the latter written by exiftool as
# an incremental update, so the old Info dictionary stays in the file), and a WAV with a
# LIST/INFO chunk. Needs Debian's libimage-exiftool-perl and sharp (a dev dependency of
# wrangler's); run once: sh scripts/make-evidence-fixtures.sh
set -eu
out=test/fixtures/evidence
mkdir -p "$out"
node --import tsx scripts/make-evidence-fixtures.ts "$out"
exiftool -q -overwrite_original \
  -GPSLatitude=19.432608 -GPSLatitudeRef=N -GPSLongitude=99.133209 -GPSLongitudeRef=W \
  -Make=Xiaomi -Model='Redmi Note 11 HLDEVICE7' -Artist='Maria Lopez Garcia' \
  -XMP-dc:Creator='Maria Lopez Garcia' -IPTC:By-line='Maria Lopez Garcia' \
  -Comment='HLCOMMENT taken at the plant' '-ThumbnailImage<=test/fixtures/evidence/thumb.jpg' \
  "$out/photo-gps.jpg"
rm "$out/thumb.jpg"
exiftool -q -overwrite_original -XMP-dc:Creator='Maria Lopez Garcia' -XMP-pdf:Producer='HLPRODUCER' \
  -Author='Maria Lopez Garcia' "$out/maria-lopez-garcia.pdf"
exiftool -s -GPSLatitude -Model -Artist "$out/photo-gps.jpg"
exiftool -s -Author -Creator "$out/maria-lopez-garcia.pdf"
