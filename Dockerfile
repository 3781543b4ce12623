FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH"
# WeasyPrint (PDF documents): Pango, HarfBuzz's subsetter, and Tinos, the font with Times New
# Roman's metrics and every Vietnamese letter (fonts-liberation v1 lacks them).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        fonts-croscore libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
    && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN SECRET_KEY=build STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage \
    python manage.py collectstatic --no-input
RUN useradd --system ansinh && mkdir -p /app/media && chown ansinh /app/media
USER ansinh
EXPOSE 8000
