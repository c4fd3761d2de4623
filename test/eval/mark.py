# A command markup for the eval tests: marks the first word of every essay as "проблема";
# fails (exit 3) on the essays whose file id is listed in FAIL_IDS, prints garbage for GARBAGE_IDS.
import json
import os
import sys

essay = json.load(sys.stdin)
file_id = os.environ.get("MARKUP_FILE_ID", "")
if file_id in os.environ.get("FAIL_IDS", "").split(","):
    sys.stderr.write("model crashed on purpose\n")
    sys.exit(3)
if file_id in os.environ.get("GARBAGE_IDS", "").split(","):
    sys.stdout.write("not json")
    sys.exit(0)
end = essay["text"].find(" ")
essay["selections"] = [
    {"id": 1, "startSelection": 0, "endSelection": end, "type": "проблема", "group": "meaning",
     "subtype": "", "tag": "", "comment": "", "explanation": "", "correction": ""}
]
json.dump(essay, sys.stdout, ensure_ascii=False)
