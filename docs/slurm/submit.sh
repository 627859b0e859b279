#!/bin/bash
# Queues the shards and, once every one has succeeded, the merge.
#   DATA=/shared/course/week3 docs/slurm/submit.sh
set -euo pipefail
here=$(dirname "$0")
array=$(sbatch --parsable --export=ALL "$here/generate-array.sbatch")
sbatch --dependency=afterok:"$array" --export=ALL "$here/merge.sbatch"
