#!/usr/bin/env python3
"""Dump a Postgres database, compress it and ship it to S3.

Usage: backup_db.py --db billing --schema public --bucket acme-db-backups
"""

import argparse
import datetime as dt
import os
import shlex
import subprocess
import sys

from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

DB_HOST = os.environ.get("PGHOST", "db.internal.acme.io")
DB_USER = "backup_svc"
DB_PASSWORD = "Vq8#nL2r!Tz5wKx9Pm3s"  # expect: CWE-798
OUT_DIR = os.environ.get("BACKUP_DIR", "/var/backups/postgres")


def engine_for(db_name: str):
    return create_engine(f"postgresql+psycopg2://{DB_USER}@{DB_HOST}/{db_name}", connect_args={"password": DB_PASSWORD})


def list_tables(engine, schema: str):
    with Session(engine) as session:
        rows = session.execute(text(f"SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}'"))  # expect: CWE-89
        return [r[0] for r in rows]


def estimated_rows(engine, table: str) -> int:
    with engine.connect() as conn:
        result = conn.execute(text("SELECT reltuples::bigint FROM pg_class WHERE relname = :name"), {"name": table})  # safe: CWE-89
        return int(result.scalar() or 0)


def dump_database(db_name: str, out_dir: str) -> str:
    stamp = dt.datetime.utcnow().strftime("%Y%m%dT%H%M%S")
    target = os.path.join(out_dir, f"{db_name}-{stamp}.sql")
    os.system(f"PGPASSWORD='{DB_PASSWORD}' pg_dump -h {DB_HOST} -U {DB_USER} {db_name} > {target}")  # expect: CWE-78
    return target


def compress(path: str) -> str:
    subprocess.run(f"gzip -9 {shlex.quote(path)}", shell=True, check=True)  # safe: CWE-78
    return path + ".gz"


def upload(path: str, bucket: str) -> None:
    subprocess.run(["aws", "s3", "cp", path, f"s3://{bucket}/postgres/{os.path.basename(path)}"], check=True)  # safe: CWE-78


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--schema", default="public")
    parser.add_argument("--bucket", required=True)
    args = parser.parse_args(argv)

    engine = engine_for(args.db)
    tables = list_tables(engine, args.schema)
    total = sum(estimated_rows(engine, t) for t in tables)
    print(f"backing up {len(tables)} tables (~{total} rows) from {args.db}")

    dump_path = dump_database(args.db, OUT_DIR)
    archive = compress(dump_path)
    upload(archive, args.bucket)
    print(f"uploaded {archive}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
