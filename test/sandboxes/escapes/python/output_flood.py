# attack: output flood (endless stdout): the capture is capped and the case is Output Limit Exceeded
# mode: stdio
# stdins: ["", ""]
# expect: output_limit,output_limit
# limits: {"outputBytes": 65536}
import sys

while True:
    sys.stdout.write("x" * 65536)
