# videogen's API server and workers: one image, two commands (see compose.yaml).
# ffmpeg (imageio-ffmpeg) and espeak-ng (espeakng-loader) come as wheels: no system packages are needed.
FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 VIDEOGEN_DATA_DIR=/data
WORKDIR /app
COPY pyproject.toml README.md settings.ini ./
COPY videogen ./videogen
COPY dashboards ./dashboards
COPY share ./share
# The server extra (FastAPI, uvicorn, Celery with Redis, psycopg, boto3, prometheus-client) and the Piper voice.
RUN pip install ".[server,voices]"
RUN useradd --create-home --uid 1000 videogen && mkdir -p /data && chown videogen /data
USER videogen
VOLUME /data
EXPOSE 8000
# `videogen serve` refuses an address other than 127.0.0.1 until a token exists:
#   docker compose run --rm api videogen tokens create --name me --scope render
CMD ["videogen", "serve", "--host", "0.0.0.0", "--port", "8000"]
