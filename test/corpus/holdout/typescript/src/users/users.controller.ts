import {
  Body,
  Controller,
  Get,
  NotFoundException,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  UnauthorizedException,
} from "@nestjs/common";
import { InjectDataSource } from "@nestjs/typeorm";
import { InjectModel } from "@nestjs/mongoose";
import { DataSource } from "typeorm";
import { Model } from "mongoose";
import * as bcrypt from "bcrypt";
import { ApiKey } from "./schemas/api-key.schema";
import { CreateUserDto, ApiKeyLookupDto } from "./dto";

@Controller("users")
export class UsersController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectModel(ApiKey.name) private readonly apiKeys: Model<ApiKey>,
  ) {}

  @Get("search")
  async search(@Query("name") name: string, @Query("limit") limit = "20") {
    const take = Math.min(parseInt(limit, 10) || 20, 100);
    return this.dataSource.query(`SELECT id, display_name, email FROM users WHERE display_name ILIKE '%${name}%' LIMIT ${take}`); // expect: CWE-89
  }

  @Get(":id")
  async findOne(@Param("id", ParseIntPipe) id: number) {
    const rows = await this.dataSource.query("SELECT id, display_name, email FROM users WHERE id = $1", [id]); // safe: CWE-89
    if (!rows.length) throw new NotFoundException();
    return rows[0];
  }

  @Get(":id/posts")
  async posts(@Param("id", ParseIntPipe) id: number, @Query("status") status?: string) {
    const qb = this.dataSource.createQueryBuilder().select(["p.id", "p.title"]).from("posts", "p").where("p.author_id = :id", { id });
    if (status) qb.andWhere("p.status = :status", { status }); // safe: CWE-89
    return qb.getRawMany();
  }

  @Patch(":id/profile")
  async updateProfile(@Param("id", ParseIntPipe) id: number, @Body() body: { displayName: string; bio?: string }) {
    await this.dataSource.query("UPDATE users SET display_name = '" + body.displayName + "', bio = $2 WHERE id = $1", [id, body.bio ?? null]); // expect: CWE-89
    return { ok: true };
  }

  @Post()
  async create(@Body() dto: CreateUserDto) {
    const passwordHash = await bcrypt.hash(dto.password, 12); // safe: CWE-327
    const insertSql = "INSERT INTO users (email, display_name, password_hash) VALUES ($1, $2, $3) RETURNING id";
    const [row] = await this.dataSource.query(insertSql, [dto.email, dto.displayName, passwordHash]); // safe: CWE-89
    return { id: row.id };
  }

  // Used by the CLI to resolve which account an API key belongs to.
  @Post("resolve-key")
  async resolveKey(@Body() body: Record<string, any>) {
    const key = await this.apiKeys.findOne({ token: body.token, revoked: false }).lean(); // expect: CWE-943
    if (!key) throw new UnauthorizedException();
    return { userId: key.userId, scopes: key.scopes };
  }

  @Post("resolve-key/v2")
  async resolveKeyStrict(@Body() dto: ApiKeyLookupDto) {
    const key = await this.apiKeys.findOne({ token: String(dto.token), revoked: false }).lean(); // safe: CWE-943
    if (!key) throw new UnauthorizedException();
    return { userId: key.userId, scopes: key.scopes };
  }
}
