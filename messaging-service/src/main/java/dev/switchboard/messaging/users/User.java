package dev.switchboard.messaging.users;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A registered user: a unique nickname, a free-text status and the hash of the bearer
 * token that proves who they are.
 */
@Entity
@Table(name = "users")
public class User {

	/** The status of a new user. */
	public static final String DEFAULT_STATUS = "available";

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 32)
	private String nickname;

	@Column(name = "nickname_key", nullable = false, length = 64)
	private String nicknameKey;

	@Column(nullable = false, length = 140)
	private String status;

	@Column(name = "token_hash", nullable = false, length = 64)
	private String tokenHash;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected User() {
	}

	User(String nickname, String tokenHash, Instant createdAt) {
		this.nickname = nickname;
		this.nicknameKey = Nicknames.key(nickname);
		this.status = DEFAULT_STATUS;
		this.tokenHash = tokenHash;
		this.createdAt = createdAt;
	}

	public Long getId() {
		return this.id;
	}

	public String getNickname() {
		return this.nickname;
	}

	public String getStatus() {
		return this.status;
	}

	void setStatus(String status) {
		this.status = status;
	}

}
